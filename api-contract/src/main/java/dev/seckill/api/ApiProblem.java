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

    String slug();

    int status();

    String title();

    default URI type() {
        return URI.create(TYPE_PREFIX + slug());
    }
}
