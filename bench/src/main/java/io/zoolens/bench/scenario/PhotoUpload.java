package io.zoolens.bench.scenario;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A photo as an upload to {@code POST /api/classifications} sends it: as a browser's form ({@code
 * multipart/form-data}, the file in part {@code image}) or as the whole body ({@code Content-Type: image/jpeg}, the
 * name in the query). Built once per photo, so building requests costs the load generator nothing during a run.
 */
public record PhotoUpload(String path, String contentType, byte[] body) {

    private static final String PATH = "/api/classifications";
    private static final String BOUNDARY = "zoolens-bench-7d0c1e5a";

    public static PhotoUpload form(TestImages.Photo photo) {
        return form(photo, null);
    }

    /** The form with part {@code albumId}, which files the upload into that album (null: none). */
    public static PhotoUpload form(TestImages.Photo photo, String albumId) {
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
        return new PhotoUpload(PATH, "multipart/form-data; boundary=" + BOUNDARY, body.toByteArray());
    }

    /** The photo as the whole body: no envelope for the api to scan. */
    public static PhotoUpload body(TestImages.Photo photo) {
        return new PhotoUpload(
                PATH + "?filename=" + URLEncoder.encode(photo.name(), StandardCharsets.UTF_8),
                "image/jpeg",
                photo.bytes());
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
