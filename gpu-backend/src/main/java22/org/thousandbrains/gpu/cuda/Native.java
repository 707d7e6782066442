package org.thousandbrains.gpu.cuda;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Looks up shared libraries and binds their C functions through the JDK's foreign-function API. */
final class Native {
    private final SymbolLookup library;
    private final String name;

    private Native(SymbolLookup library, String name) {
        this.library = library;
        this.name = name;
    }

    /**
     * The first of {@code candidates} (file names the dynamic loader resolves, or paths) that loads;
     * throws {@link UnsatisfiedLinkError} listing what was tried.
     */
    static Native load(String what, List<String> candidates) {
        List<String> tried = new ArrayList<>();
        for (String c : candidates) {
            if (c == null || c.isBlank()) continue;
            try {
                SymbolLookup lookup = c.contains("/")
                        ? (Files.isRegularFile(Path.of(c)) ? SymbolLookup.libraryLookup(Path.of(c), java.lang.foreign.Arena.global()) : null)
                        : SymbolLookup.libraryLookup(c, java.lang.foreign.Arena.global());
                if (lookup != null) return new Native(lookup, c);
            } catch (IllegalArgumentException notFound) {
                // the loader does not know this name: try the next one
            }
            tried.add(c);
        }
        throw new UnsatisfiedLinkError(what + " not found (tried " + String.join(", ", tried) + ")");
    }

    /** A handle to {@code function} returning {@code result} (null: void) with the given argument layouts. */
    MethodHandle bind(String function, MemoryLayout result, MemoryLayout... args) {
        var symbol = library.find(function)
                .orElseThrow(() -> new UnsatisfiedLinkError(function + " not found in " + name));
        FunctionDescriptor d = result == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(result, args);
        return Linker.nativeLinker().downcallHandle(symbol, d);
    }

    String name() { return name; }

    /** Calls a bound function; a failure of the call itself (not its result code) becomes a {@link CudaException}. */
    static Object invoke(MethodHandle h, Object... args) {
        try {
            return h.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new CudaException("native call failed: " + t);
        }
    }
}
