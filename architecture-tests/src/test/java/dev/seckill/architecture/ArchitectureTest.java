package dev.seckill.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static dev.seckill.architecture.Packages.CONSUMER;
import static dev.seckill.architecture.Packages.GATEWAY;
import static dev.seckill.architecture.Packages.SECKILL;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the build keeps true by itself instead of by convention: the three services meet only through
 * the contract modules (the public API's records, the order event and key layout, the web support),
 * a service's features depend on each other without cycles, and controllers are no API of their own.
 */
@AnalyzeClasses(packages = "dev.seckill", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theGatewayKnowsNoOtherService = reachesOnlyContracts(GATEWAY, SECKILL, CONSUMER);

    @ArchTest
    static final ArchRule seckillServiceKnowsNoOtherService = reachesOnlyContracts(SECKILL, GATEWAY, CONSUMER);

    @ArchTest
    static final ArchRule orderConsumerKnowsNoOtherService = reachesOnlyContracts(CONSUMER, GATEWAY, SECKILL);

    @ArchTest
    static final ArchRule contractsKnowNoService = noClasses()
            .that().resideInAnyPackage("dev.seckill.api..", Packages.CONTRACTS, "dev.seckill.web..")
            .should().dependOnClassesThat().resideInAnyPackage(GATEWAY, SECKILL, CONSUMER)
            .because("the contract modules are what the services share; a service's class there would tie them together");

    @ArchTest
    static final ArchRule gatewayFeaturesHaveNoCycles = slices().matching("dev.seckill.gateway.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule seckillServiceFeaturesHaveNoCycles = slices().matching("dev.seckill.seckill.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule orderConsumerFeaturesHaveNoCycles = slices().matching("dev.seckill.consumer.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule controllersArePackagePrivate = classes().that().areAnnotatedWith(RestController.class)
            .should().notBePublic()
            .because("a controller is reached over HTTP; other classes call the service behind it");

    private static ArchRule reachesOnlyContracts(String service, String... others) {
        return noClasses().that().resideInAPackage(service)
                .should().dependOnClassesThat().resideInAnyPackage(Packages.toolingAnd(others))
                .because("services meet only through api-contract, order-contract and web-support");
    }
}
