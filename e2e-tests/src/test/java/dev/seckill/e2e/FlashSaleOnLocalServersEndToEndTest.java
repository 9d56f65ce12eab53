package dev.seckill.e2e;

import dev.seckill.infra.server.Servers;
import dev.seckill.testsupport.SharedServers;

/** The scenarios on real Redis, MariaDB and Kafka processes: runs everywhere, Docker or not. */
class FlashSaleOnLocalServersEndToEndTest extends FlashSaleScenarios {

    @Override
    Servers servers() {
        return SharedServers.get();
    }
}
