package dev.seckill.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.api.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

class ProblemResponsesTest {

    record Order(@NotNull @Min(1) Integer quantity) {
    }

    @RestController
    static class Sample {

        @PostMapping("/orders")
        String order(@RequestHeader("X-User-Id") @Pattern(regexp = "[a-z]+", message = "must be letters") String user,
                @Valid @RequestBody Order order) {
            return "ok";
        }

        @GetMapping("/refuse/{id}")
        String refuse(@PathVariable("id") String id) {
            throw new ApiException(() -> new ApiProblem.Kind(409, "sold-out", "Sold out"), "Sale " + id + " is sold out");
        }

        @GetMapping("/parse/{id}")
        String parse(@PathVariable("id") String id) {
            throw ApiException.invalidRequest("malformed order id");
        }

        @GetMapping("/bug/{id}")
        String bug(@PathVariable("id") String id) {
            throw new IllegalArgumentException("index 3 out of bounds for the secret table");
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret internals");
        }
    }

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mvc = MockMvcBuilders.standaloneSetup(new Sample())
                .setControllerAdvice(new ProblemResponses())
                .setValidator(validator)
                .setMessageConverters(new MappingJackson2HttpMessageConverter(json))
                .build();
    }

    @Test
    void namesTheInvalidField() throws Exception {
        postOrder("alice", "{\"quantity\":0}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:seckill:problem:invalid-request"))
                .andExpect(jsonPath("$.detail").value("quantity: must be greater than or equal to 1"));
    }

    @Test
    void namesTheUnknownFieldAndTheWrongType() throws Exception {
        postOrder("alice", "{\"quantity\":1,\"price\":0}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("unknown field 'price'"));
        postOrder("alice", "{\"quantity\":\"many\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("field 'quantity' has the wrong type"));
        postOrder("alice", "{\"quantity\":")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("the body is not valid JSON"));
    }

    @Test
    void namesTheInvalidHeader() throws Exception {
        postOrder("Alice 1", "{\"quantity\":1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:seckill:problem:invalid-request"))
                .andExpect(jsonPath("$.detail").value("header X-User-Id: must be letters"));
    }

    @Test
    void refusalsKeepTheirOwnTypeAndStatus() throws Exception {
        mvc.perform(get("/refuse/7"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:seckill:problem:sold-out"))
                .andExpect(jsonPath("$.title").value("Sold out"))
                .andExpect(jsonPath("$.detail").value("Sale 7 is sold out"));
        mvc.perform(get("/parse/x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:seckill:problem:invalid-request"))
                .andExpect(jsonPath("$.detail").value("malformed order id"));
    }

    @Test
    void anIllegalArgumentFromInsideIsOurFaultNotTheClients() throws Exception {
        mvc.perform(get("/bug/x"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("urn:seckill:problem:internal-error"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret"))));
    }

    @Test
    void unexpectedErrorsHideTheirInternals() throws Exception {
        mvc.perform(get("/boom"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("urn:seckill:problem:internal-error"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret"))));
    }

    private org.springframework.test.web.servlet.ResultActions postOrder(String user, String body) throws Exception {
        return mvc.perform(post("/orders").header("X-User-Id", user).contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
