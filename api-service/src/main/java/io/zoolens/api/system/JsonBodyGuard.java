package io.zoolens.api.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Reads every JSON request body before Jackson does, and refuses a body over {@value #MAX_BYTES} bytes with 413
 * {@code request-too-large} (the largest this API takes is a few hundred; without a cap a client could make the
 * service buffer and parse megabytes), and one that is not strict UTF-8 (RFC 8259) with 400 {@code
 * validation-failed}: Jackson itself would read the overlong 0xC0 0xAF as "/" and detect UTF-16 from a byte-order
 * mark.
 */
@ControllerAdvice
class JsonBodyGuard extends RequestBodyAdviceAdapter {

    static final int MAX_BYTES = 64 * 1024;

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage input,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        byte[] body;
        try (InputStream in = input.getBody()) {
            body = in.readNBytes(MAX_BYTES + 1);
        }
        if (body.length > MAX_BYTES) {
            throw new ApiException(
                    ProblemType.REQUEST_TOO_LARGE,
                    "A JSON body may have at most " + MAX_BYTES / 1024 + " KiB.",
                    Map.of("maxBytes", MAX_BYTES),
                    null);
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw ApiException.invalidField("body", "must be UTF-8");
        }
        return new BufferedBody(body, input.getHeaders());
    }

    private record BufferedBody(byte[] bytes, HttpHeaders headers) implements HttpInputMessage {

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }
}
