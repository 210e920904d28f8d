package io.chatlens.agent.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of an analysis, independent of its rendering: headline numbers ({@link #summary}), then sections of
 * notes, tables and charts. The text, JSON and HTML renderers all draw this same model.
 */
public final class Report {

  final Map<String, Object> about = new LinkedHashMap<>();
  final Map<String, Object> summary = new LinkedHashMap<>();
  final List<Section> sections = new ArrayList<>();

  /** What was read: the log directory, the period, files, bytes, events, copies skipped, unreadable files. */
  public Map<String, Object> about() {
    return about;
  }

  /** The headline numbers (turns, errors, sessions, ...), by name. */
  public Map<String, Object> summary() {
    return summary;
  }

  Section section(String id, String title) {
    Section section = new Section(id, title);
    sections.add(section);
    return section;
  }

  static final class Section {
    final String id;
    final String title;
    final List<String> notes = new ArrayList<>();
    final List<Object> blocks = new ArrayList<>();

    Section(String id, String title) {
      this.id = id;
      this.title = title;
    }

    Table table(String id, String title, String... columns) {
      Table table = new Table(id, title, List.of(columns));
      blocks.add(table);
      return table;
    }

    void chart(Chart chart) {
      blocks.add(chart);
    }

    void note(String note) {
      notes.add(note);
    }
  }

  static final class Table {
    final String id;
    final String title;
    final List<String> columns;
    final List<List<Object>> rows = new ArrayList<>();

    Table(String id, String title, List<String> columns) {
      this.id = id;
      this.title = title;
      this.columns = columns;
    }

    void row(Object... cells) {
      rows.add(java.util.Arrays.asList(cells));
    }
  }

  /** A chart: one or more series over the same labelled x positions; {@code bars} draws bars, otherwise lines. */
  static final class Chart {
    final String id;
    final String title;
    final String unit;
    final boolean bars;
    final List<String> labels = new ArrayList<>();
    final Map<String, List<Double>> series = new LinkedHashMap<>();

    Chart(String id, String title, String unit, boolean bars) {
      this.id = id;
      this.title = title;
      this.unit = unit;
      this.bars = bars;
    }
  }
}
