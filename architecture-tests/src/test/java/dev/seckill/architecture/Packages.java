package dev.seckill.architecture;

import java.util.Arrays;
import java.util.stream.Stream;

/** The packages the rules speak of. */
final class Packages {

    static final String GATEWAY = "dev.seckill.gateway..";
    static final String SECKILL = "dev.seckill.seckill..";
    static final String CONSUMER = "dev.seckill.consumer..";
    static final String CONTRACTS = "dev.seckill.contract..";
    /** The launcher, the test servers and the measuring tools: for running the services, never a part of one. */
    static final String[] TOOLING = {"dev.seckill.infra..", "dev.seckill.testsupport..", "dev.seckill.bench..",
            "dev.seckill.load.."};

    private Packages() {
    }

    static String[] toolingAnd(String... packages) {
        return Stream.concat(Arrays.stream(packages), Arrays.stream(TOOLING)).toArray(String[]::new);
    }
}
