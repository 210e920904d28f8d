package io.chatlens.agent.alerts;

import java.time.Duration;

/**
 * {@code monitoring.retention.logs} of the seed's "Monitoring Configuration" block: how long the main log file's
 * rotated files are kept, unless agent.properties sets {@code chatlens.log.retention.main} itself.
 *
 * @param period the number of days the block gives
 * @param origin the alerts file and line, for messages ({@code alerts.yaml:18})
 */
public record SeedLogRetention(Duration period, String origin) {}
