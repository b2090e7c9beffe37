package io.zoolens.classifier.classify;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a form-encoded body a raw body. curl's {@code --data-binary} sends {@code
 * application/x-www-form-urlencoded} unless told otherwise, and the servlet container parses such a body into
 * request parameters (consuming it) the first time anything asks for a parameter, e.g. {@code ?topK}. Opening the
 * body as a stream first tells the container not to: parameters then come from the query string only, and the
 * image is read as it came. The classifier has no endpoint that takes form fields, so this holds for every path.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class FormBodyAsRawBodyFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return true;
        }
        try {
            return !MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException unparsable) {
            return true; // not a form either; the controller reads the body as it is
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.getInputStream();
        chain.doFilter(request, response);
    }
}
