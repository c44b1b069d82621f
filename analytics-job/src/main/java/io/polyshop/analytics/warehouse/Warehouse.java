package io.polyshop.analytics.warehouse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** What the sales load needs from a warehouse; see {@code SalesLoad} for the order. */
public interface Warehouse {

	/** Makes sure the star schema exists. */
	void prepare();

	/** The load lock, or empty if another run holds it. */
	Optional<Lock> tryLock();

	/** The source snapshot xmin of the last committed load (0 before the first). */
	long watermark();

	/** Stages the rows of {@code csv} where the merge will read them. */
	Staged stage(Path csv, String runId);

	/**
	 * In one transaction: dimensions, MERGE of the staged rows into fact_sales, and the
	 * watermark moved to {@code newWatermark}.
	 * @return rows merged: inserted, or changed (PostgreSQL leaves a row that arrives
	 * again unchanged alone; Redshift's MERGE rewrites it)
	 */
	long mergeAndAdvance(Staged staged, long newWatermark);

	/** Rows of a report view, newest or largest first. */
	List<Map<String, @Nullable Object>> query(String sql);

	/**
	 * Rows staged for one run.
	 *
	 * @param rows how many
	 * @param location where: the staging table, or the manifest of the staged files
	 */
	record Staged(long rows, String location) {
	}

	/** Held for the duration of a run. */
	interface Lock extends AutoCloseable {

		@Override
		void close();

	}

}
