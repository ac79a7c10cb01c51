package dev.backprop.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What went wrong with a file, in words a user can act on: the JDK's exceptions name a path and an operating
 * system reason in fields of their own ({@code AccessDeniedException} has no reason at all, and its message is
 * only the path), so a bare {@code getMessage()} can print a temporary file's name and nothing else.
 */
public final class FileProblems {

    private FileProblems() {
    }

    /**
     * The failure to write {@code target} as one line: {@code cannot write TARGET: CAUSE}, where the cause is
     * e.g. "permission denied", "no space left on device" or "DIR is not a directory".
     */
    public static String cannotWrite(Path target, IOException e) {
        return "cannot write " + target + ": " + cause(e, target);
    }

    /**
     * The reason of {@code e} in lower case, naming the file it concerns when that is not {@code subject} (or a
     * temporary file beside it, whose name would mean nothing to the user).
     */
    public static String cause(IOException e, Path subject) {
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile() != null && !isAbout(fs.getFile(), subject) ? fs.getFile() : null;
            String reason = fs.getReason();
            if (e instanceof AccessDeniedException) {
                return "permission denied" + (file != null ? " (" + file + ")" : "");
            }
            if (e instanceof NotDirectoryException || "Not a directory".equalsIgnoreCase(reason)) {
                return (file != null ? file : parentOf(subject)) + " is not a directory";
            }
            if (e instanceof FileAlreadyExistsException) {
                return (file != null ? file : subject) + " exists and is not a directory";
            }
            if (e instanceof NoSuchFileException) {
                return "no such file or directory" + (file != null ? " (" + file + ")" : "");
            }
            if (reason != null) {
                return lower(reason) + (file != null ? " (" + file + ")" : "");
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : lower(message);
    }

    /** Whether {@code file} is {@code subject} or a temporary file of ours beside it. */
    private static boolean isAbout(String file, Path subject) {
        Path f = Path.of(file).toAbsolutePath();
        Path s = subject.toAbsolutePath();
        return f.equals(s) || (f.getParent() != null && f.getParent().equals(s.getParent())
                && AtomicFiles.isTemporaryOf(f.getFileName().toString(), s.getFileName().toString()));
    }

    private static String parentOf(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent != null ? parent.toString() : p.toString();
    }

    /** "No space left on device" → "no space left on device"; keeps acronyms such as "EOF". */
    private static String lower(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
            return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
        }
        return s;
    }
}
