package io.zoolens.bench.scenario;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A photo as a browser's upload form sends it: {@code multipart/form-data} with the file in part {@code image}.
 * Built once per photo, so building bodies costs the load generator nothing during a run.
 */
public record MultipartPhoto(String name, String contentType, byte[] body) {

    private static final String BOUNDARY = "zoolens-bench-7d0c1e5a";

    public static MultipartPhoto of(TestImages.Photo photo) {
        return of(photo, null);
    }

    /** The same form with part {@code albumId}, which files the upload into that album (null: none). */
    public static MultipartPhoto of(TestImages.Photo photo, String albumId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (albumId != null) {
            write(body, "--" + BOUNDARY + "\r\n");
            write(body, "Content-Disposition: form-data; name=\"albumId\"\r\n\r\n");
            write(body, albumId + "\r\n");
        }
        write(body, "--" + BOUNDARY + "\r\n");
        write(body, "Content-Disposition: form-data; name=\"image\"; filename=\"" + photo.name() + "\"\r\n");
        write(body, "Content-Type: image/jpeg\r\n\r\n");
        body.writeBytes(photo.bytes());
        write(body, "\r\n--" + BOUNDARY + "--\r\n");
        return new MultipartPhoto(photo.name(), "multipart/form-data; boundary=" + BOUNDARY, body.toByteArray());
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
