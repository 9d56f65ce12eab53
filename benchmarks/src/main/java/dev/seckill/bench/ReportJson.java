package dev.seckill.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The same results as {@link Report}, as the tree written to {@code bench.json}. */
final class ReportJson {

    private ReportJson() {
    }

    static Map<String, Object> of(BenchResults results, List<Goal> goals, Path runDir, double minutes) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cores", results.cores());
        json.put("minutes", Math.round(minutes * 10) / 10.0);
        json.put("options", results.options());
        json.put("goals", goals.stream().map(goal -> ordered("name", goal.name(), "measured", goal.measured(), "bound", goal.bound(),
                "verdict", goal.verdict(), "note", goal.note())).toList());
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("freshSale", cpuPerAnswer(results.fresh()));
        if (results.preloaded() != null) {
            cpu.put("preloadedSale", cpuPerAnswer(results.preloaded()));
        }
        cpu.put("soldOut", cpuPerAnswer(results.soldOut()));
        Map<String, Object> naive = cpuPerAnswer(results.naive());
        naive.put("naiveDesignTotal", results.naiveMillisPerPurchase());
        cpu.put("naiveDesign", naive);
        json.put("cpuMsPerAnswer", cpu);
        Map<String, Object> phases = new LinkedHashMap<>();
        phases.put("capacityFresh", results.fresh());
        phases.put("capacityPreloaded", results.preloaded());
        phases.put("preload", results.preload());
        phases.put("bareHop", results.bareHop());
        phases.put("soldOut", results.soldOut());
        phases.put("pacedTargetPerSecond", results.pacedTarget());
        phases.put("paced", results.paced());
        phases.put("naive", results.naive());
        phases.put("naiveWhileKafkaDown", ordered("outageSeconds", results.naiveLoss().outageSeconds(),
                "accepted", results.naiveLoss().accepted(), "stockTaken", results.naiveLoss().stockTaken(),
                "ordersInKafka", results.naiveLoss().ordersInKafka(), "lost", results.naiveLoss().lost()));
        json.put("phases", phases);
        json.put("consumer", ordered("orders", results.consumer().orders(), "consumerPerSecond", results.consumer().consumerPerSecond(),
                "plainInsertPerSecond", results.consumer().plainInsertPerSecond(), "ratio", results.consumer().ratio()));
        json.put("spike", spike(results.spike()));
        json.put("rawEvalsha", baseline(results.rawEvalsha(), results.options().concurrency()));
        json.put("rowLock", baseline(results.rowLock(), results.options().concurrency()));
        json.put("runDir", runDir.toString());
        return json;
    }

    /** A JSON object whose keys keep the order they are given in, as {@code name, value, name, value...}. */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    private static Map<String, Object> cpuPerAnswer(Measurement phase) {
        Map<String, Object> perProcess = new LinkedHashMap<>();
        phase.cpu().millisByProcess().keySet().forEach(process -> perProcess.put(process, phase.millisPerAnswer(process)));
        perProcess.put("allMetered", phase.totalMillisPerAnswer());
        perProcess.put("loadGenerator", phase.generatorMillisPerAnswer());
        perProcess.put("loadGeneratorShare", phase.generatorShare());
        perProcess.put("answers", phase.answers());
        return perProcess;
    }

    private static Map<String, Object> spike(SpikePhase.Result result) {
        Spike spike = result.spike();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("acceptedPerSecond", spike.acceptedPerSecond());
        json.put("answersPerSecond", spike.answersPerSecond());
        json.put("purchaseP50Ms", spike.percentile("purchase", 1));
        json.put("purchaseP95Ms", spike.percentile("purchase", 3));
        json.put("purchaseP99Ms", spike.percentile("purchase", 4));
        json.put("requests", spike.requests());
        json.put("maxConnections", spike.maxConnections());
        json.put("verdicts", result.verdicts());
        json.put("correct", result.verdicts().correct());
        json.put("serviceLevelMet", result.verdicts().serviceLevelMet());
        json.put("seconds", result.cpu().platform().seconds());
        json.put("cpuMillisByProcess", result.cpu().platform().millisByProcess());
        json.put("gatlingCpuMillis", result.cpu().gatlingMillis());
        json.put("report", spike.run().report().toString());
        return json;
    }

    private static Map<String, Object> baseline(LoadResult result, int concurrency) {
        return ordered("perSecond", result.perSecond(), "concurrency", concurrency,
                "p50Ms", result.percentileMicros(50) / 1000.0, "p95Ms", result.percentileMicros(95) / 1000.0,
                "p99Ms", result.percentileMicros(99) / 1000.0, "seconds", result.seconds(), "failed", result.failed());
    }
}
