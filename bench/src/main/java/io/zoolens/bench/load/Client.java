package io.zoolens.bench.load;

/**
 * One simulated client of a closed-loop load run: sends its next request and reports the outcome. Each worker
 * thread owns one client, so implementations need not be thread-safe.
 */
@FunctionalInterface
public interface Client {

    Exchange send() throws InterruptedException;
}
