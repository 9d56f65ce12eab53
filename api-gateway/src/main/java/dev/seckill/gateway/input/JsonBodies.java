package dev.seckill.gateway.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.seckill.api.CreateSaleRequest;
import dev.seckill.api.PurchaseRequest;
import dev.seckill.gateway.problem.GatewayProblem;
import dev.seckill.gateway.problem.Refusal;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads a JSON body into one of the API's request records and checks it with the records' own Bean
 * Validation rules (api-contract, shared with seckill-service). A body larger than any the API takes
 * is refused (413) before a byte of it is read, one without a declared length (chunked) with 411, so
 * no stream has to be counted while parsing; other content types are 415. The reading is strict
 * (spring.jackson in application.yml): unknown or duplicate fields, text for numbers, fractions for
 * counts, nulls for primitives and trailing data are 400s, each with a detail saying which.
 */
@Component
class JsonBodies {

    private static final byte[] EMPTY = new byte[0];

    private final long maxBytes;
    private final ObjectMapper json;
    private final Map<Class<?>, ObjectReader> readers;
    private final Validator validator;

    JsonBodies(InputProperties properties, ObjectMapper json, Validator validator) {
        this.maxBytes = properties.maxBodySize().toBytes();
        this.json = json;
        this.readers = Map.of(PurchaseRequest.class, json.readerFor(PurchaseRequest.class),
                CreateSaleRequest.class, json.readerFor(CreateSaleRequest.class));
        this.validator = validator;
        warmUp();
    }

    /** Refuses a body that is too large, of unknown length or not JSON, before anything reads it. */
    void checkFraming(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        long length = headers.getContentLength();
        if (length > maxBytes) {
            throw new Refusal(GatewayProblem.PAYLOAD_TOO_LARGE,
                    "the body has " + length + " bytes; the limit is " + maxBytes);
        }
        if (length < 0 && headers.containsKey(HttpHeaders.TRANSFER_ENCODING)) {
            throw new Refusal(GatewayProblem.LENGTH_REQUIRED, "send the body with a Content-Length");
        }
    }

    <T> Mono<T> read(ServerHttpRequest request, Class<T> type) {
        checkFraming(request);
        MediaType contentType;
        try {
            contentType = request.getHeaders().getContentType();
        } catch (InvalidMediaTypeException e) {
            contentType = null;
        }
        if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
            return Mono.error(new Refusal(GatewayProblem.UNSUPPORTED_MEDIA_TYPE,
                    "send the body as application/json"));
        }
        return DataBufferUtils.join(request.getBody(), (int) maxBytes)
                .map(JsonBodies::bytes)
                .defaultIfEmpty(EMPTY)
                .onErrorMap(DataBufferLimitException.class, e -> new Refusal(GatewayProblem.PAYLOAD_TOO_LARGE,
                        "the body is over the limit of " + maxBytes + " bytes"))
                .map(bytes -> checked(parse(bytes, type)));
    }

    byte[] write(Object checked) {
        try {
            return json.writeValueAsBytes(checked);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checked request could not be written as JSON", e);
        }
    }

    private <T> T parse(byte[] body, Class<T> type) {
        try {
            return readers.get(type).readValue(body);
        } catch (IOException e) {
            throw Refusal.invalid(why(e, body.length == 0));
        }
    }

    private <T> T checked(T value) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (violations.isEmpty()) {
            return value;
        }
        throw Refusal.invalid(violations.stream()
                .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; ")));
    }

    private static String why(IOException e, boolean empty) {
        if (empty) {
            return "the body is missing";
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (!mismatch.getPath().isEmpty()) {
                return "field '" + path(mismatch) + "' has the wrong type";
            }
            return mismatch.getOriginalMessage().startsWith("Trailing token")
                    ? "the body holds more than one JSON value"
                    : "the body must be a JSON object";
        }
        if (e instanceof StreamReadException unreadable) {
            return "the body is not valid JSON: " + unreadable.getOriginalMessage();
        }
        return "the body is not valid JSON";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /**
     * Reading, validating and writing once at start-up loads what the first request would otherwise
     * load on an event-loop thread: classes, Jackson's deserializers, the validator's metadata and its
     * message bundle (files read from a jar).
     */
    private void warmUp() {
        checked(parse("{\"quantity\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8), PurchaseRequest.class));
        validator.validate(new PurchaseRequest(0));
        validator.validate(new CreateSaleRequest("", "", null, 0, Instant.EPOCH, Instant.EPOCH, 0, 0));
        write(new PurchaseRequest(1));
        for (String bad : new String[] {"{\"quantity\":1,\"x\":1}", "[1]", "{\"quantity\":\"1\"}", "{", "{}{}"}) {
            try {
                parse(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8), PurchaseRequest.class);
            } catch (Refusal expected) {
                // the point was to load the error paths
            }
        }
    }
}
