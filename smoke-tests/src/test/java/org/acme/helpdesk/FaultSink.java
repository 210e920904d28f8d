package org.acme.helpdesk;

import java.util.ArrayList;
import java.util.List;

/** The application's error handler, under another name. */
public final class FaultSink {
  private final List<String> reports = new ArrayList<>();

  public void report(String where, Throwable problem) {
    reports.add(where + ": " + problem.getClass().getSimpleName());
  }

  public List<String> reports() {
    return reports;
  }
}
