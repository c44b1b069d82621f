package io.polyshop.catalog.product.web;

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
		assertThat(ProductController.IfMatch.version("\"7\"")).isEqualTo(7L);
		assertThat(ProductController.IfMatch.version("W/\"7\"")).isEqualTo(7L);
		assertThat(ProductController.IfMatch.version(null)).isNull();
		assertThat(ProductController.IfMatch.version("*")).isNull();
	}

}
