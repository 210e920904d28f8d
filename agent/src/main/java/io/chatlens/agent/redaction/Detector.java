package io.chatlens.agent.redaction;

/** Finds one kind of sensitive value in free text. Implementations are immutable and thread-safe. */
interface Detector {

  /** Adds the spans of {@code text} to replace to {@code findings}; must not throw on any input. */
  void detect(String text, Findings findings);
}
