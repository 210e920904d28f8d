package com.example.chatbot;

/**
 * One FAQ entry found by {@link SearchEngine#search(String)}.
 *
 * @param faqId    the id of the FAQ entry
 * @param question the question title
 * @param answer   the answer
 * @param score    the relevance; higher is better, always positive
 */
public record SearchResult(int faqId, String question, String answer, double score) {}
