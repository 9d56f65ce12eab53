package dev.seckill.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.seckill.architecture.Packages.CONSUMER;
import static dev.seckill.architecture.Packages.CONTRACTS;
import static dev.seckill.architecture.Packages.SECKILL;
import static dev.seckill.architecture.Packages.TOOLING;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.seckill.contract.SaleKeys;

/**
 * Every table and every family of Redis keys has one owner, and only the owner's feature packages
 * name it: another service reaches the data through the owner (an API, an event, or a script the
 * owner publishes in a contract module). See docs/decisions.md, "Who owns which data". The tools
 * that launch, test and measure the platform set up and read data as a test does, and are left out.
 */
@AnalyzeClasses(packages = "dev.seckill", importOptions = ImportOption.DoNotIncludeTests.class)
class DataOwnershipTest {

    /**
     * seckill-service owns every key of a sale. order-consumer changes them only through the scripts
     * seckill-service publishes beside the key layout ({@code SaleScripts}), which name the keys for it.
     */
    @ArchTest
    static final ArchRule saleKeysAreSeckillServices = noClasses()
            .that().resideOutsideOfPackages(Packages.toolingAnd(SECKILL, CONTRACTS))
            .should().dependOnClassesThat().belongToAnyOf(SaleKeys.class)
            .because("seckill-service owns a sale's keys; others run the scripts it publishes in order-contract");

    @ArchTest
    static final ArchRule saleKeysAreSpelledOnlyByTheirLayout = classes()
            .that(ClassConstants.spellKeysStartingWith("sk:{")).should().be(SaleKeys.class)
            .because("a key spelled out elsewhere would bypass the layout and its owner");

    @ArchTest
    static final ArchRule rateLimitBucketsAreTheGatewaysRateLimits = classes()
            .that(ClassConstants.spellKeysStartingWith("gw:rl:")).should().resideInAPackage("dev.seckill.gateway.ratelimit..")
            .because("the gateway's rate limit package owns its buckets in Redis");

    @ArchTest
    static final ArchRule salesTableIsTheSalePackages = classes()
            .that(ClassConstants.nameTable("sales")).and().resideOutsideOfPackages(TOOLING)
            .should().resideInAPackage("dev.seckill.seckill.sale..")
            .because("seckill-service's sale package owns the sales table and its migrations");

    /**
     * order-consumer owns {@code orders} and its migrations. The seckill-service classes named here
     * still read it and are to reach it through order-consumer's internal API instead
     * (docs/decisions.md); the list only ever shrinks.
     */
    @ArchTest
    static final ArchRule ordersTableIsOrderConsumers = classes()
            .that(ClassConstants.nameTable("orders")).and().resideOutsideOfPackages(TOOLING)
            .should().resideInAPackage(CONSUMER)
            .orShould().haveNameMatching("dev\\.seckill\\.seckill\\.(order\\.OrderLookup"
                    + "|reconciliation\\.Reconciliation|reconciliation\\.SaleProbes|sale\\.SaleRepository)")
            .because("order-consumer owns the orders table and its migrations");
}
