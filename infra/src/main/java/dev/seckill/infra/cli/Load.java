package dev.seckill.infra.cli;

import dev.seckill.infra.platform.Platform;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/seckill load [simulation] [--option value]...}: one Gatling simulation against the running
 * local platform, with tokens signed by its key; prints where the HTML report is.
 */
final class Load {

    /** Options, each becoming the simulation's {@code load.<camelCase>} property. */
    static final List<String> OPTIONS = List.of("users", "stock", "ramp", "rate", "duration", "sales", "p99",
            "poll-interval", "max-polls", "max-connections");

    private final Path root;
    private final Platform platform;

    Load(Path root, Platform platform) {
        this.root = root;
        this.platform = platform;
    }

    /** @return the process exit status: 0, or 2 when an assertion failed */
    int run(List<String> args) {
        String simulation = "FlashSaleSpike";
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                if (!OPTIONS.contains(name) || i + 1 == args.size()) {
                    throw new IllegalArgumentException("unknown option or missing value: " + arg + "; options: --"
                            + String.join(" --", OPTIONS));
                }
                options.put(name, args.get(++i));
            } else if (i == 0 && Gatling.SIMULATIONS.contains(arg)) {
                simulation = arg;
            } else {
                throw new IllegalArgumentException("unknown simulation " + arg + "; one of " + Gatling.SIMULATIONS);
            }
        }
        if (!platform.gateway().isReady()) {
            throw new IllegalStateException("the gateway at " + platform.gatewayUrl() + " is not ready; start the platform first: bin/seckill up");
        }
        Path dir = root.resolve(".run").resolve("load");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("load.baseUrl", platform.gatewayUrl().toString());
        options.forEach((name, value) -> properties.put("load." + camelCase(name), value));
        properties.put("load.tokens", TokenFiles.shoppers(platform.secrets(), dir.resolve("tokens"),
                shoppersNeeded(simulation, options)).toString());
        properties.put("load.adminTokenFile", TokenFiles.admin(platform.secrets(), dir.resolve("tokens")).toString());
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        properties.put("load.summary", dir.resolve("summary-" + simulation + "-" + stamp + ".json").toString());

        System.out.printf("Running %s against %s; the gateway's rate limits apply (see README, Performance)%n",
                simulation, platform.gatewayUrl());
        Gatling.Run run = Gatling.run(root, simulation, properties, dir.resolve("results"), null, 120);
        System.out.println();
        System.out.println("HTML report: " + run.report());
        if (run.exitCode() == Gatling.ASSERTIONS_FAILED) {
            System.out.println("Assertions FAILED (see above). A run from this one address that gets 429s needs the "
                    + "gateway's per-client limit raised: bin/seckill down; SECKILL_GATEWAY_RATE_LIMIT_PER_CLIENT=1000000/1s "
                    + "SECKILL_GATEWAY_RATE_LIMIT_GLOBAL=1000000/1s bin/seckill up");
        }
        return run.exitCode();
    }

    /** The distinct shoppers a run needs; mirrors the simulations' defaults. */
    static int shoppersNeeded(String simulation, Map<String, String> options) {
        return switch (simulation) {
            case "SustainedPurchases" -> (int) Math.ceil(Double.parseDouble(options.getOrDefault("rate", "200"))
                    * Double.parseDouble(options.getOrDefault("duration", "180")));
            case "StatusPollingStorm" -> Integer.parseInt(options.getOrDefault("users", "2000"));
            default -> Integer.parseInt(options.getOrDefault("users", "1000"));
        };
    }

    private static String camelCase(String option) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : option.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}
