package dev.seckill.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What a class says in its string constants, read from its class file: SQL and Redis keys are strings,
 * which ArchUnit's model of a class does not hold. A class file keeps every literal (and the literal
 * parts of a concatenation) as one run of bytes in its constant pool, ASCII as it is, so a pattern over
 * the file's bytes finds them; comments never reach the class file.
 */
final class ClassConstants {

    /** Every rule asks every class: each class file is read once. */
    private static final Map<String, String> CLASS_FILES = new ConcurrentHashMap<>();

    private ClassConstants() {
    }

    /** Classes whose SQL reads or writes {@code table}. */
    static DescribedPredicate<JavaClass> nameTable(String table) {
        return holding("name the table " + table,
                Pattern.compile("(?i)\\b(from|into|update|join|table)\\s+" + Pattern.quote(table) + "\\b"));
    }

    /** Classes that spell out a Redis key starting with {@code prefix}. */
    static DescribedPredicate<JavaClass> spellKeysStartingWith(String prefix) {
        return holding("spell out Redis keys starting with " + prefix, Pattern.compile(Pattern.quote(prefix)));
    }

    private static DescribedPredicate<JavaClass> holding(String description, Pattern pattern) {
        return DescribedPredicate.describe(description, javaClass -> pattern.matcher(classFile(javaClass)).find());
    }

    private static String classFile(JavaClass javaClass) {
        return CLASS_FILES.computeIfAbsent(javaClass.getName(), name -> read(javaClass));
    }

    private static String read(JavaClass javaClass) {
        var source = javaClass.getSource().orElseThrow(() -> new IllegalStateException(javaClass.getName() + " has no class file"));
        try (InputStream in = source.getUri().toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class file of " + javaClass.getName(), e);
        }
    }
}
