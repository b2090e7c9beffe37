package io.zoolens.classifier.training;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** Tells a folder that cannot be written apart from other I/O failures. */
final class Storage {

    private Storage() {}

    /** {@code e} as the 503 read-only problem when the file system said so, else unchanged. */
    static IOException readOnly(IOException e, String what) {
        if (e instanceof AccessDeniedException
                || (e instanceof FileSystemException fs
                        && fs.getReason() != null
                        && fs.getReason().toLowerCase().contains("read-only"))) {
            throw new ModelsFolderReadOnlyException(what);
        }
        return e;
    }
}
