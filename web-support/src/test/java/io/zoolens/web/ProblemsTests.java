package io.zoolens.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.image.ImageDecoder;
import io.zoolens.image.ImageLimits;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

class ProblemsTests {

    @Test
    void aProblemHasTheZoolensTypeTitleAndDetail() {
        ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, "username-taken", "Username taken", "Taken.");

        assertThat(problem.getType()).isEqualTo(URI.create("https://zoolens.io/problems/username-taken"));
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getTitle()).isEqualTo("Username taken");
        assertThat(problem.getDetail()).isEqualTo("Taken.");
    }

    @Test
    void anImageRefusalKeepsItsTypeStatusAndLimits() {
        ProblemDetail problem = Problems.imageRejected(new ImageDecoder(ImageLimits.defaults()).oversized());

        assertThat(problem.getStatus()).isEqualTo(413);
        assertThat(problem.getType()).hasToString("https://zoolens.io/problems/image-too-large");
        assertThat(problem.getProperties()).containsEntry("maxBytes", ImageLimits.DEFAULT_MAX_BYTES);
    }

    @Test
    void aboutAddsThePathAndTheRequestIdTheFilterGave() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/models/x");
        request.setAttribute(RequestIdFilter.ATTRIBUTE, "abc-1");

        ProblemDetail problem = Problems.about(ProblemDetail.forStatus(404), request);

        assertThat(problem.getInstance()).isEqualTo(URI.create("/v1/models/x"));
        assertThat(problem.getProperties()).containsEntry("requestId", "abc-1");
    }

    @Test
    void withoutTheFilterThereIsNoRequestId() {
        ProblemDetail problem = Problems.withRequestId(ProblemDetail.forStatus(404), new MockHttpServletRequest());

        assertThat(problem.getProperties()).isNull();
    }

    @Test
    void containerSizeLimitsAreFoundAlongTheCauseChain() {
        class FileSizeLimitExceededException extends IOException {}
        class FileCountLimitExceededException extends IOException {}

        assertThat(Problems.isSizeLimit(new MultipartException("x", new FileSizeLimitExceededException())))
                .isTrue();
        assertThat(Problems.isSizeLimit(new MaxUploadSizeExceededException(1))).isFalse();
        assertThat(Problems.isCountLimit(new MultipartException("x", new FileCountLimitExceededException())))
                .isTrue();
        assertThat(Problems.isSizeLimit(new MultipartException("no boundary"))).isFalse();
    }
}
