package io.chatlens.instrumentation.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value may be {@code null}: a parameter, a return value, a field or a type use. Documentation for readers (and
 * tools that honour any annotation named {@code Nullable}); the JDK has none, and the agent adds no dependency for one.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.PARAMETER, ElementType.FIELD, ElementType.TYPE_USE})
public @interface Nullable {}
