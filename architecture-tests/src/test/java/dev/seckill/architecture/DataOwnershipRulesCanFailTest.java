package dev.seckill.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.seckill.architecture.fixture.Trespassers;
import org.junit.jupiter.api.Test;

/** The ownership rules pass on the services because they hold, not because they cannot fail. */
class DataOwnershipRulesCanFailTest {

    @Test
    void aClassOutsideSeckillServiceUsingTheSaleKeysFails() {
        assertFlags(DataOwnershipTest.saleKeysAreSeckillServices, Trespassers.UsesTheSaleKeys.class);
    }

    @Test
    void aSaleKeySpelledOutByHandFails() {
        assertFlags(DataOwnershipTest.saleKeysAreSpelledOnlyByTheirLayout, Trespassers.SpellsASaleKey.class);
    }

    @Test
    void aBucketKeyOutsideTheRateLimitsFails() {
        assertFlags(DataOwnershipTest.rateLimitBucketsAreTheGatewaysRateLimits, Trespassers.SpellsABucketKey.class);
    }

    @Test
    void sqlOnAnotherPackagesTableFails() {
        assertFlags(DataOwnershipTest.salesTableIsTheSalePackages, Trespassers.WritesSales.class);
        assertFlags(DataOwnershipTest.ordersTableIsOrderConsumers, Trespassers.ReadsOrders.class);
    }

    @Test
    void onlySqlNamesATable() {
        JavaClasses classes = new ClassFileImporter().importClasses(Trespassers.ReadsOrders.class, Trespassers.TalksAboutOrders.class);

        assertThat(ClassConstants.nameTable("orders").test(classes.get(Trespassers.ReadsOrders.class))).isTrue();
        assertThat(ClassConstants.nameTable("orders").test(classes.get(Trespassers.TalksAboutOrders.class))).isFalse();
    }

    private static void assertFlags(ArchRule rule, Class<?> trespasser) {
        assertThatThrownBy(() -> rule.check(new ClassFileImporter().importClasses(trespasser)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(trespasser.getName());
    }
}
