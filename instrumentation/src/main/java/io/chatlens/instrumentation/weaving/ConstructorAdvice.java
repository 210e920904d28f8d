package io.chatlens.instrumentation.weaving;

import io.chatlens.bootstrap.ChatLensBridge;
import net.bytebuddy.asm.Advice;

/** Advice for woven constructors: hands the constructed object to the bridge. Swallows its own faults. */
public final class ConstructorAdvice {

  private ConstructorAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@ProbeId int probeId, @Advice.This Object self) {
    ChatLensBridge.constructed(probeId, self);
  }
}
