package dev.seckill.api;

import java.net.URI;

/**
 * A kind of refusal the public API answers: an RFC 9457 problem whose {@code type} is
 * {@code urn:seckill:problem:<slug>}, always with this status and title. Each module that answers
 * problems keeps its kinds in one enum implementing this; the API document lists them all, and
 * architecture-tests holds the two against each other.
 */
public interface ApiProblem {

    String TYPE_PREFIX = "urn:seckill:problem:";

    /** What a client sees of a kind of problem; an enum constant holds one, so enums need no accessors of their own. */
    record Kind(int status, String slug, String title) {
    }

    Kind kind();

    default String slug() {
        return kind().slug();
    }

    default int status() {
        return kind().status();
    }

    default String title() {
        return kind().title();
    }

    default URI type() {
        return URI.create(TYPE_PREFIX + slug());
    }
}
