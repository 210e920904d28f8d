package com.example.probe.flood;

/** An error handler found by convention (*ErrorHandler#handle*): every exception it gets is an ERROR log line. */
public final class FloodErrorHandler {

  private long handled;

  public void handle(Throwable error) {
    handled++;
  }

  public long handled() {
    return handled;
  }
}
