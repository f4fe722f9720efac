package dev.kup.pipeline.failure;

/** The one place that decides whether an exception is transient, poison or fatal. */
public interface ErrorClassifier {
  Failure classify(Throwable error);
}
