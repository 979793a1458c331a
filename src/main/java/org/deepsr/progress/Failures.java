package org.deepsr.progress;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * What went wrong, as the one line the command line and the Fiji commands
 * show. Java's file-system exceptions often carry a bare path ("/proc/x") as
 * their whole message; here they get their reason ("/proc/x: permission denied").
 */
public final class Failures {

	private Failures() {}

	/** The problem in one line: the exception's message, else its kind; a path gets its reason. */
	public static String describe(final Throwable e) {
		if (e instanceof FileSystemException) {
			final FileSystemException f = (FileSystemException) e;
			if (f.getReason() == null && f.getFile() != null) return oneLine(f.getFile() + (f.getOtherFile() == null ? ""
				: " -> " + f.getOtherFile()) + ": " + reason(f));
		}
		if (e instanceof ReadOnlyFileSystemException) return "the file system is read-only";
		final String message = e.getMessage();
		return oneLine(message == null || message.trim().isEmpty() ? e.toString() : message);
	}

	/** Why it went wrong, without the path a file-system exception names ("permission denied"). */
	public static String reason(final Throwable e) {
		if (!(e instanceof FileSystemException)) return describe(e);
		final FileSystemException f = (FileSystemException) e;
		return f.getReason() != null ? oneLine(f.getReason()) : reason(f);
	}

	/** The reason a file-system exception stands for when it names none. */
	private static String reason(final FileSystemException e) {
		if (e instanceof NoSuchFileException) return "no such file or folder";
		if (e instanceof AccessDeniedException) return "permission denied";
		if (e instanceof FileAlreadyExistsException) return "exists already";
		if (e instanceof NotDirectoryException) return "not a folder";
		if (e instanceof DirectoryNotEmptyException) return "the folder is not empty";
		return e.getClass().getSimpleName();
	}

	/** Line breaks and runs of blanks as single spaces. */
	public static String oneLine(final String text) {
		return text.replaceAll("\\s+", " ").trim();
	}
}
