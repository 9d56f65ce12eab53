package dev.seckill.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.infra.platform.LocalSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFileThatHoldsTooFewShoppersGrowsByTheMissingOnesAndKeepsTheOthers() throws IOException {
        LocalSecrets secrets = LocalSecrets.in(dir.resolve("secrets"));
        Path file = TokenFiles.shoppers(secrets, dir.resolve("tokens"), 3);
        List<String> first = Files.readAllLines(file);

        Path grown = TokenFiles.shoppers(secrets, dir.resolve("tokens"), 5);
        List<String> lines = Files.readAllLines(grown);

        assertThat(grown).isEqualTo(file);
        assertThat(lines).hasSize(6).startsWith(first.toArray(String[]::new));
        assertThat(lines.get(0)).startsWith("# issued-at=");
        assertThat(lines.subList(1, 6)).extracting(line -> line.substring(0, line.indexOf(',')))
                .containsExactly("load-shopper-0", "load-shopper-1", "load-shopper-2", "load-shopper-3", "load-shopper-4");
    }

    @Test
    void aFileWithEnoughShoppersIsLeftAsItIs() throws IOException {
        LocalSecrets secrets = LocalSecrets.in(dir.resolve("secrets"));
        Path file = TokenFiles.shoppers(secrets, dir.resolve("tokens"), 4);
        List<String> before = Files.readAllLines(file);

        assertThat(Files.readAllLines(TokenFiles.shoppers(secrets, dir.resolve("tokens"), 2))).isEqualTo(before);
    }

    @Test
    void aFileInTheFormerFormatIsSignedAgain() throws IOException {
        LocalSecrets secrets = LocalSecrets.in(dir.resolve("secrets"));
        Path file = TokenFiles.shoppers(secrets, dir.resolve("tokens"), 2);
        Files.write(file, List.of("load-shopper-0,not-a-token", "load-shopper-1,not-a-token"));

        List<String> lines = Files.readAllLines(TokenFiles.shoppers(secrets, dir.resolve("tokens"), 2));

        assertThat(lines).hasSize(3).noneMatch(line -> line.endsWith("not-a-token"));
    }
}
