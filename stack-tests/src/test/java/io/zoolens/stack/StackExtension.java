package io.zoolens.stack;

import io.zoolens.stackharness.NativeStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one native stack for the whole test run (the first test class that needs it starts it; JUnit closes it,
 * and with it the stack, when the run ends) and hands it, or a fresh {@link GatewayClient}, to test constructors
 * and methods.
 */
final class StackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == NativeStack.class || type == GatewayClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        NativeStack stack = stack(context);
        return parameter.getParameter().getType() == NativeStack.class ? stack : new GatewayClient(stack);
    }

    private static NativeStack stack(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(StartedStack.class, key -> StartedStack.start(), StartedStack.class)
                .stack();
    }

    /** The stack, or why it could not start: a failed start is not retried by every test class. */
    static final class StartedStack implements AutoCloseable {

        private final NativeStack stack;
        private final RuntimeException failure;

        private StartedStack(NativeStack stack, RuntimeException failure) {
            this.stack = stack;
            this.failure = failure;
        }

        static StartedStack start() {
            try {
                // a new stack, a new run: the fault figures of an earlier run do not belong to this one
                Files.deleteIfExists(FaultFigures.file());
                return new StartedStack(
                        NativeStack.start(StackPaths.repoDir(), StackPaths.stackDir(), TestStackSettings.settings()),
                        null);
            } catch (RuntimeException e) {
                return new StartedStack(null, e);
            } catch (IOException e) {
                return new StartedStack(null, new UncheckedIOException(e));
            }
        }

        NativeStack stack() {
            if (failure != null) {
                throw new IllegalStateException("the test stack did not start", failure);
            }
            return stack;
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.close();
            }
        }
    }
}
