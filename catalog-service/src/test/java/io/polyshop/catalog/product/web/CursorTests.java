package io.polyshop.catalog.product.web;

import io.polyshop.defaults.http.EntityTags;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CursorTests {

	@Test
	void roundTripsASku() {
		assertThat(Cursor.decode(Cursor.encode("KTCH-00042"))).isEqualTo("KTCH-00042");
		assertThat(Cursor.decode(null)).isNull();
	}

	@Test
	void refusesCursorsItDidNotIssue() {
		assertThatExceptionOfType(Cursor.InvalidCursorException.class).isThrownBy(() -> Cursor.decode("%%%"));
		assertThatExceptionOfType(Cursor.InvalidCursorException.class)
			.isThrownBy(() -> Cursor.decode(Cursor.encode("'; drop table product; --")));
	}

	@Test
	void readsTheVersionFromAnIfMatchHeader() {
		assertThat(EntityTags.ifMatchVersion("\"7\"", "a product")).isEqualTo(7L);
		assertThat(EntityTags.ifMatchVersion(null, "a product")).isNull();
		assertThat(EntityTags.ifMatchVersion("*", "a product")).isNull();
	}

}
