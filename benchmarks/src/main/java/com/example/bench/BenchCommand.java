package com.example.bench;

/**
 * What the parsers return: a command name and its argument, like a real chatbot's command object. The
 * agent reads the command name through its {@code name()} accessor.
 */
public record BenchCommand(String name, String argument) {}
