package dev.seckill.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.seckill.architecture.fixture.Trespassers;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ownership rules pass on the services because they hold, not because they cannot fail. */
class DataOwnershipRulesCanFailTest {

    static Stream<Arguments> trespasses() {
        return Stream.of(
                arguments("a class outside seckill-service using the sale keys",
                        DataOwnershipTest.saleKeysAreSeckillServices, Trespassers.UsesTheSaleKeys.class),
                arguments("a sale key spelled out by hand",
                        DataOwnershipTest.saleKeysAreSpelledOnlyByTheirLayout, Trespassers.SpellsASaleKey.class),
                arguments("a bucket key outside the rate limits",
                        DataOwnershipTest.rateLimitBucketsAreTheGatewaysRateLimits, Trespassers.SpellsABucketKey.class),
                arguments("SQL on the sales table outside the sale package",
                        DataOwnershipTest.salesTableIsTheSalePackages, Trespassers.WritesSales.class),
                arguments("SQL on the orders table outside order-consumer",
                        DataOwnershipTest.ordersTableIsOrderConsumers, Trespassers.ReadsOrders.class));
    }

    @ParameterizedTest(name = "{0} fails")
    @MethodSource("trespasses")
    void eachRuleFailsOnItsTrespasser(String trespass, ArchRule rule, Class<?> trespasser) {
        assertThatThrownBy(() -> rule.check(new ClassFileImporter().importClasses(trespasser)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(trespasser.getName());
    }

    @Test
    void onlySqlNamesATable() {
        JavaClasses classes = new ClassFileImporter().importClasses(Trespassers.ReadsOrders.class, Trespassers.TalksAboutOrders.class);

        assertThat(ClassConstants.nameTable("orders").test(classes.get(Trespassers.ReadsOrders.class))).isTrue();
        assertThat(ClassConstants.nameTable("orders").test(classes.get(Trespassers.TalksAboutOrders.class))).isFalse();
    }
}
