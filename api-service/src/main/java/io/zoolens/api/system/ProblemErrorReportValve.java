package io.zoolens.api.system;

import io.zoolens.web.StatusProblem;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own refusals as problem+json instead of its HTML page: requests the container turns away before any
 * filter or servlet runs (a path with an encoded slash, backslash or NUL, a path that is not UTF-8). Everything
 * that reaches the application is rendered by {@link ProblemDetailsAdvice} and {@link ProblemErrorController}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(problem(status, request.getMethod(), request.getRequestURI()));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is closed: nothing left to tell it.
        }
    }

    /**
     * Only constants go into the answer: the request itself may be anything. Its method and path only choose
     * between the two 413 types.
     */
    static String problem(int status, String method, String path) {
        ProblemType type = status == 413 ? ProblemDetailsAdvice.tooLarge(method, path) : ProblemType.forStatus(status);
        HttpStatus known = HttpStatus.resolve(status);
        String slug = type == null ? StatusProblem.slugFor(status) : type.slug();
        String title = type != null ? type.title() : known != null ? known.getReasonPhrase() : "Error";
        String detail = status == 400 ? "The request line, path or headers could not be read." : title + ".";
        return "{\"type\":\"" + ProblemType.TYPE_PREFIX + slug + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
    }
}
