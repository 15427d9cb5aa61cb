package dev.vellum.core.session;

/** Told of every change to an open project, on the thread that made it. */
@FunctionalInterface
public interface ProjectListener {
    void projectChanged(ProjectChange change);
}
