package io.zoolens.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Progress lines on stdout, with the time of day, so a long run shows where it is. */
public final class Console {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Console() {}

    public static void log(String format, Object... args) {
        System.out.println("bench " + LocalTime.now().format(TIME) + " " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
