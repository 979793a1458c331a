package org.deepsr.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Deflater;
import java.util.zip.InflaterInputStream;

/**
 * One Zarr array in a folder, read and written chunk by chunk: Zarr v2
 * ({@code .zarray}, NGFF 0.4) and v3 ({@code zarr.json}, NGFF 0.5). Chunks
 * are C-ordered, of the data types {@link DType} lists, uncompressed or
 * compressed with gzip, zlib (v2), zstd or blosc; v2 keys with "." or "/",
 * v3 keys "default" ("c/0/0") or "v2". Sharding, transposed (Fortran order)
 * chunks and other codecs are refused by name. A chunk is written to a hidden
 * file beside its key and renamed onto it, so a chunk file that exists is
 * complete. A malformed array is an {@link IOException} of one line that
 * names the file and the fault.
 */
public final class ZarrArray {

	/** Sample types: Zarr v3 names, v2 type codes. */
	public enum DType {
		UINT8("uint8", "u1", 1), INT8("int8", "i1", 1), UINT16("uint16", "u2", 2), INT16("int16", "i2", 2),
		UINT32("uint32", "u4", 4), INT32("int32", "i4", 4), FLOAT32("float32", "f4", 4), FLOAT64("float64", "f8", 8);

		final String v3, v2;
		final int bytes;

		DType(final String v3, final String v2, final int bytes) {
			this.v3 = v3;
			this.v2 = v2;
			this.bytes = bytes;
		}

		public int bytes() {
			return bytes;
		}

		static DType ofV3(final String name) {
			for (final DType d : values())
				if (d.v3.equals(name)) return d;
			return null;
		}

		static DType ofV2(final String code) {
			for (final DType d : values())
				if (d.v2.equals(code)) return d;
			return null;
		}
	}

	static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
		.serializeSpecialFloatingPointValues().create();

	private final Path dir;
	private final int version;
	private final long[] shape;
	private final int[] chunks;
	private final DType dtype;
	private final ByteOrder order;
	private final ZarrCodec codec;
	private final boolean v3DefaultKeys;
	private final String separator;
	private final double fill;
	private final List<String> dimensionNames;

	private ZarrArray(final Path dir, final int version, final long[] shape, final int[] chunks,
		final DType dtype, final ByteOrder order, final ZarrCodec codec, final boolean v3DefaultKeys,
		final String separator, final double fill, final List<String> dimensionNames)
	{
		this.dir = dir;
		this.version = version;
		this.shape = shape;
		this.chunks = chunks;
		this.dtype = dtype;
		this.order = order;
		this.codec = codec;
		this.v3DefaultKeys = v3DefaultKeys;
		this.separator = separator;
		this.fill = fill;
		this.dimensionNames = dimensionNames;
	}

	/** Whether {@code dir} holds an array's metadata (.zarray, or a zarr.json of an array). */
	public static boolean isArray(final Path dir) {
		if (Files.isRegularFile(dir.resolve(".zarray"))) return true;
		final Path json = dir.resolve("zarr.json");
		if (!Files.isRegularFile(json)) return false;
		try {
			final JsonObject o = readJson(json);
			return o.has("node_type") && "array".equals(o.get("node_type").getAsString());
		}
		catch (final IOException | RuntimeException e) {
			return false;
		}
	}

	/** Opens the array in {@code dir}; its metadata is checked, no chunk is read. */
	public static ZarrArray open(final Path dir) throws IOException {
		final Path v2 = dir.resolve(".zarray"), v3 = dir.resolve("zarr.json");
		if (Files.isRegularFile(v3)) return openV3(dir, v3);
		if (Files.isRegularFile(v2)) return openV2(dir, v2);
		throw new NoSuchFileException(dir.toString(), null,
			"is not a Zarr array: it has neither .zarray (Zarr v2) nor zarr.json (Zarr v3)");
	}

	private static ZarrArray openV2(final Path dir, final Path file) throws IOException {
		final JsonObject o = readJson(file);
		try {
			if (intOf(o, "zarr_format", file) != 2) throw bad(file, "zarr_format is not 2");
			final long[] shape = longs(o, "shape", file);
			final int[] chunks = ints(o, "chunks", file, shape.length);
			final String dt = string(o, "dtype", file);
			final DType dtype = dt.length() == 3 ? DType.ofV2(dt.substring(1)) : null;
			if (dtype == null) throw bad(file, "dtype " + dt + " is not one of u1 i1 u2 i2 u4 i4 f4 f8");
			final ByteOrder order = dt.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
			if (o.has("order") && !"C".equals(o.get("order").getAsString())) throw bad(file, "order " + o.get(
				"order") + " (Fortran) is not supported: rewrite the array in C order");
			if (o.has("filters") && !o.get("filters").isJsonNull() && o.getAsJsonArray("filters").size() > 0)
				throw bad(file, "filters " + o.get("filters") + " are not supported");
			final JsonElement comp = o.get("compressor");
			final ZarrCodec codec = ZarrCodec.ofV2(comp == null || comp.isJsonNull() ? null : comp
				.getAsJsonObject(), dtype.bytes, file);
			final String sep = o.has("dimension_separator") ? o.get("dimension_separator").getAsString() : ".";
			if (!sep.equals(".") && !sep.equals("/")) throw bad(file, "dimension_separator " + sep +
				" is not '.' or '/'");
			return new ZarrArray(dir, 2, shape, chunks, dtype, order, codec, false, sep, fill(o, file), null);
		}
		catch (final RuntimeException e) {
			throw bad(file, "malformed metadata (" + why(e) + ")");
		}
	}

	private static ZarrArray openV3(final Path dir, final Path file) throws IOException {
		final JsonObject o = readJson(file);
		try {
			if (intOf(o, "zarr_format", file) != 3) throw bad(file, "zarr_format is not 3");
			if (!"array".equals(string(o, "node_type", file))) throw bad(file, "it is a group, not an array");
			final long[] shape = longs(o, "shape", file);
			final JsonObject grid = o.getAsJsonObject("chunk_grid");
			if (grid == null || !"regular".equals(string(grid, "name", file))) throw bad(file,
				"chunk_grid is not 'regular'");
			final int[] chunks = ints(grid.getAsJsonObject("configuration"), "chunk_shape", file, shape.length);
			final String dt = string(o, "data_type", file);
			final DType dtype = DType.ofV3(dt);
			if (dtype == null) throw bad(file, "data_type " + dt +
				" is not one of uint8 int8 uint16 int16 uint32 int32 float32 float64");
			boolean defaultKeys = true;
			String sep = "/";
			final JsonObject keys = o.getAsJsonObject("chunk_key_encoding");
			if (keys != null) {
				final String name = string(keys, "name", file);
				if (!name.equals("default") && !name.equals("v2")) throw bad(file, "chunk_key_encoding " + name +
					" is not 'default' or 'v2'");
				defaultKeys = name.equals("default");
				sep = defaultKeys ? "/" : ".";
				final JsonObject conf = keys.getAsJsonObject("configuration");
				if (conf != null && conf.has("separator")) sep = conf.get("separator").getAsString();
				if (!sep.equals(".") && !sep.equals("/")) throw bad(file, "separator " + sep + " is not '.' or '/'");
			}
			ByteOrder order = ByteOrder.LITTLE_ENDIAN;
			ZarrCodec codec = ZarrCodec.none();
			boolean bytes = false;
			for (final JsonElement e : o.getAsJsonArray("codecs")) {
				final JsonObject c = e.getAsJsonObject();
				final String name = string(c, "name", file);
				final JsonObject conf = c.has("configuration") ? c.getAsJsonObject("configuration") : new JsonObject();
				if (name.equals("bytes")) {
					bytes = true;
					if (conf.has("endian") && "big".equals(conf.get("endian").getAsString())) order =
						ByteOrder.BIG_ENDIAN;
				}
				else if (!bytes) throw bad(file, "codec " + name + (name.equals("sharding_indexed")
					? " (sharded chunks) is not supported: rewrite the array without sharding"
					: " before 'bytes' is not supported"));
				else if (codec != ZarrCodec.none()) throw bad(file, "more than one compressor (" + name +
					") is not supported");
				else codec = ZarrCodec.ofV3(name, conf, dtype.bytes, file);
			}
			if (!bytes) throw bad(file, "codecs have no 'bytes' codec");
			List<String> names = null;
			if (o.has("dimension_names") && !o.get("dimension_names").isJsonNull()) {
				names = new ArrayList<>();
				for (final JsonElement e : o.getAsJsonArray("dimension_names"))
					names.add(e.isJsonNull() ? null : e.getAsString());
				if (names.size() != shape.length) throw bad(file, "dimension_names has " + names.size() +
					" names for " + shape.length + " dimensions");
			}
			return new ZarrArray(dir, 3, shape, chunks, dtype, order, codec, defaultKeys, sep, fill(o, file),
				names);
		}
		catch (final RuntimeException e) {
			throw bad(file, "malformed metadata (" + why(e) + ")");
		}
	}

	/**
	 * Creates an empty array in {@code dir} (made when missing; its metadata
	 * must not exist): little-endian, C order, keys with "/", fill value 0.
	 *
	 * @param version 2 or 3
	 * @param compression "none", "gzip", "zlib" (v2 only), "zstd" or "blosc"
	 * @param dimensionNames v3's dimension_names (v2 keeps them in the group's axes)
	 */
	public static ZarrArray create(final Path dir, final int version, final long[] shape, final int[] chunks,
		final DType dtype, final String compression, final List<String> dimensionNames) throws IOException
	{
		if (version != 2 && version != 3) throw new IllegalArgumentException("Zarr version must be 2 or 3, got " +
			version);
		final ZarrCodec codec = ZarrCodec.named(compression, version, dtype.bytes);
		final ZarrArray a = new ZarrArray(dir, version, shape.clone(), chunks.clone(), dtype,
			ByteOrder.LITTLE_ENDIAN, codec, true, "/", 0, dimensionNames);
		Files.createDirectories(dir);
		final JsonObject o = new JsonObject();
		if (version == 2) {
			o.addProperty("zarr_format", 2);
			o.add("shape", GSON.toJsonTree(shape));
			o.add("chunks", GSON.toJsonTree(chunks));
			o.addProperty("dtype", (dtype.bytes == 1 ? "|" : "<") + dtype.v2);
			o.add("compressor", codec.v2());
			o.addProperty("fill_value", 0);
			o.addProperty("order", "C");
			o.add("filters", null);
			o.addProperty("dimension_separator", "/");
			writeJson(dir.resolve(".zarray"), o);
		}
		else {
			o.addProperty("zarr_format", 3);
			o.addProperty("node_type", "array");
			o.add("shape", GSON.toJsonTree(shape));
			o.addProperty("data_type", dtype.v3);
			final JsonObject grid = new JsonObject(), gc = new JsonObject();
			grid.addProperty("name", "regular");
			gc.add("chunk_shape", GSON.toJsonTree(chunks));
			grid.add("configuration", gc);
			o.add("chunk_grid", grid);
			final JsonObject keys = new JsonObject(), kc = new JsonObject();
			keys.addProperty("name", "default");
			kc.addProperty("separator", "/");
			keys.add("configuration", kc);
			o.add("chunk_key_encoding", keys);
			o.addProperty("fill_value", 0);
			final JsonArray codecs = new JsonArray();
			final JsonObject bytes = new JsonObject(), bc = new JsonObject();
			bytes.addProperty("name", "bytes");
			bc.addProperty("endian", "little");
			bytes.add("configuration", bc);
			codecs.add(bytes);
			if (codec.v3() != null) codecs.add(codec.v3());
			o.add("codecs", codecs);
			if (dimensionNames != null) o.add("dimension_names", GSON.toJsonTree(dimensionNames));
			o.add("attributes", new JsonObject());
			writeJson(dir.resolve("zarr.json"), o);
		}
		return a;
	}

	public Path folder() {
		return dir;
	}

	/** 2 or 3. */
	public int version() {
		return version;
	}

	public long[] shape() {
		return shape.clone();
	}

	public int[] chunks() {
		return chunks.clone();
	}

	public DType dtype() {
		return dtype;
	}

	public ByteOrder order() {
		return order;
	}

	/** The value of a chunk that is not stored. */
	public double fillValue() {
		return fill;
	}

	/** v3's dimension_names, or null. */
	public List<String> dimensionNames() {
		return dimensionNames;
	}

	/** Elements of one chunk (edge chunks are stored whole too). */
	public int chunkElements() {
		long n = 1;
		for (final int c : chunks)
			n *= c;
		return Math.toIntExact(n);
	}

	/** Chunks along dimension {@code d}. */
	public long gridSize(final int d) {
		return (shape[d] + chunks[d] - 1) / chunks[d];
	}

	/** The file of the chunk at grid position {@code index}. */
	public Path chunkPath(final long[] index) {
		final StringBuilder key = new StringBuilder(version == 3 && v3DefaultKeys ? "c" : "");
		for (int d = 0; d < index.length; d++) {
			if (key.length() > 0) key.append(separator);
			key.append(index[d]);
		}
		if (index.length == 0) key.append(version == 3 && v3DefaultKeys ? "" : "0");
		return dir.resolve(key.toString());
	}

	/**
	 * The chunk at {@code index}, decoded: {@link #chunkElements()} samples in
	 * C order and {@link #order()}, or null where it is not stored (all
	 * {@link #fillValue()}).
	 */
	public ByteBuffer readChunk(final long[] index) throws IOException {
		final Path file = chunkPath(index);
		final byte[] stored;
		try {
			stored = Files.readAllBytes(file);
		}
		catch (final NoSuchFileException e) {
			return null;
		}
		final int expected = chunkElements() * dtype.bytes;
		final byte[] raw;
		try {
			raw = codec.decode(stored, expected);
		}
		catch (final IOException | RuntimeException | UnsatisfiedLinkError | NoClassDefFoundError e) {
			throw new IOException("chunk " + file + " cannot be decoded (" + codec.name() + ": " + (e
				.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) +
				"): the chunk is damaged or truncated", e);
		}
		if (raw.length != expected) throw new IOException("chunk " + file + " holds " + raw.length +
			" bytes, not the " + expected + " of a " + Arrays.toString(chunks) + " chunk of " + dtype.v3 +
			": the chunk is damaged or truncated");
		return ByteBuffer.wrap(raw).order(order);
	}

	/**
	 * Encodes and writes the chunk at {@code index} ({@link #chunkElements()}
	 * samples, C order, little-endian) to a hidden file renamed onto its key.
	 */
	public void writeChunk(final long[] index, final byte[] raw) throws IOException {
		if (raw.length != chunkElements() * dtype.bytes) throw new IllegalArgumentException("a chunk of " +
			Arrays.toString(chunks) + " " + dtype.v3 + " has " + chunkElements() * dtype.bytes + " bytes, got " +
			raw.length);
		final Path file = chunkPath(index);
		Files.createDirectories(file.getParent());
		final Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".part");
		try {
			try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
				final ByteBuffer b = ByteBuffer.wrap(codec.encode(raw));
				while (b.hasRemaining())
					ch.write(b);
				ch.force(true); // a chunk file that has its name is complete, also after a crash
			}
			try {
				Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	// --- JSON ---

	static JsonObject readJson(final Path file) throws IOException {
		final String text;
		try {
			text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		}
		catch (final NoSuchFileException e) {
			throw new NoSuchFileException(file.toString(), null, "is missing");
		}
		try {
			final JsonElement e = JsonParser.parseString(text);
			if (!e.isJsonObject()) throw bad(file, "it is not a JSON object");
			return e.getAsJsonObject();
		}
		catch (final JsonParseException | IllegalStateException e) {
			throw bad(file, "it is not valid JSON (" + firstLine(e.getMessage()) + ")");
		}
	}

	/** Writes JSON to a hidden file renamed onto {@code file}. */
	static void writeJson(final Path file, final JsonElement json) throws IOException {
		final Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".",
			".part");
		try {
			Files.write(tmp, (GSON.toJson(json) + "\n").getBytes(StandardCharsets.UTF_8));
			try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
				ch.force(true);
			}
			Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/** A runtime failure's message on one line, or its kind where it has none. */
	static String why(final Throwable e) {
		final String m = firstLine(e.getMessage());
		return m.isEmpty() ? e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
			.toLowerCase(Locale.ROOT) + " value" : m;
	}

	static IOException bad(final Path file, final String why) {
		return new IOException(file + ": " + why);
	}

	private static String firstLine(final String s) {
		if (s == null) return "";
		final int nl = s.indexOf('\n');
		return (nl < 0 ? s : s.substring(0, nl)).replaceAll("^([\\w.$]+(Exception|Error): )+", "");
	}

	private static int intOf(final JsonObject o, final String key, final Path file) throws IOException {
		if (!o.has(key)) throw bad(file, "it has no " + key);
		return o.get(key).getAsInt();
	}

	private static String string(final JsonObject o, final String key, final Path file) throws IOException {
		if (o == null || !o.has(key) || o.get(key).isJsonNull()) throw bad(file, "it has no " + key);
		return o.get(key).getAsString();
	}

	private static long[] longs(final JsonObject o, final String key, final Path file) throws IOException {
		if (!o.has(key) || !o.get(key).isJsonArray()) throw bad(file, "it has no " + key + " list");
		final JsonArray a = o.getAsJsonArray(key);
		final long[] v = new long[a.size()];
		for (int i = 0; i < v.length; i++) {
			v[i] = a.get(i).getAsLong();
			if (v[i] < 0) throw bad(file, key + " " + a + " has a negative size");
		}
		return v;
	}

	private static int[] ints(final JsonObject o, final String key, final Path file, final int n)
		throws IOException
	{
		if (o == null || !o.has(key) || !o.get(key).isJsonArray()) throw bad(file, "it has no " + key + " list");
		final JsonArray a = o.getAsJsonArray(key);
		if (a.size() != n) throw bad(file, key + " " + a + " does not have one size per dimension (" + n + ")");
		final int[] v = new int[n];
		long total = 1;
		for (int i = 0; i < n; i++) {
			v[i] = a.get(i).getAsInt();
			if (v[i] < 1) throw bad(file, key + " " + a + " has a size below 1");
			total *= v[i];
			if (total > Integer.MAX_VALUE / 8) throw bad(file, key + " " + a + " is too large for one chunk");
		}
		return v;
	}

	private static double fill(final JsonObject o, final Path file) throws IOException {
		final JsonElement f = o.get("fill_value");
		if (f == null || f.isJsonNull()) return 0;
		if (f.getAsJsonPrimitive().isString()) {
			final String s = f.getAsString();
			if (s.equals("NaN")) return Double.NaN;
			if (s.equals("Infinity")) return Double.POSITIVE_INFINITY;
			if (s.equals("-Infinity")) return Double.NEGATIVE_INFINITY;
			throw bad(file, "fill_value " + s + " is not a number");
		}
		if (f.getAsJsonPrimitive().isBoolean()) return f.getAsBoolean() ? 1 : 0;
		return f.getAsDouble();
	}

	// --- codecs ---

	/** A chunk compressor: none, gzip, zlib, zstd or blosc. */
	static final class ZarrCodec {

		private static final ZarrCodec NONE = new ZarrCodec("none", 0, null, 0, 1);

		private final String name;
		private final int level;
		private final String cname;
		private final int shuffle, typesize;

		private ZarrCodec(final String name, final int level, final String cname, final int shuffle,
			final int typesize)
		{
			this.name = name;
			this.level = level;
			this.cname = cname;
			this.shuffle = shuffle;
			this.typesize = typesize;
		}

		static ZarrCodec none() {
			return NONE;
		}

		String name() {
			return name;
		}

		static ZarrCodec named(final String compression, final int version, final int typesize) {
			final String c = compression == null ? "gzip" : compression.trim().toLowerCase(Locale.ROOT);
			switch (c) {
				case "none":
				case "raw":
					return NONE;
				case "gzip":
					return new ZarrCodec("gzip", 5, null, 0, typesize);
				case "zlib":
					if (version == 3) throw new IllegalArgumentException(
						"Zarr v3 has no zlib codec: choose gzip, zstd, blosc or none");
					return new ZarrCodec("zlib", 5, null, 0, typesize);
				case "zstd":
					return new ZarrCodec("zstd", 3, null, 0, typesize);
				case "blosc":
					return new ZarrCodec("blosc", 5, "zstd", 1, typesize);
				default:
					throw new IllegalArgumentException("unknown Zarr compression '" + compression +
						"': choose gzip, zstd, blosc, zlib (Zarr v2) or none");
			}
		}

		static ZarrCodec ofV2(final JsonObject o, final int typesize, final Path file) throws IOException {
			if (o == null) return NONE;
			final String id = string(o, "id", file);
			final int level = o.has("level") ? o.get("level").getAsInt() : o.has("clevel") ? o.get("clevel")
				.getAsInt() : 1;
			switch (id) {
				case "gzip":
				case "zlib":
				case "zstd":
					return new ZarrCodec(id, level, null, 0, typesize);
				case "blosc":
					return new ZarrCodec("blosc", level, o.has("cname") ? o.get("cname").getAsString() : "lz4", o.has(
						"shuffle") ? o.get("shuffle").getAsInt() : 1, typesize);
				default:
					throw bad(file, "compressor " + id + " is not supported (gzip, zlib, zstd and blosc are)");
			}
		}

		static ZarrCodec ofV3(final String name, final JsonObject conf, final int typesize, final Path file)
			throws IOException
		{
			switch (name) {
				case "gzip":
				case "zstd":
					return new ZarrCodec(name, conf.has("level") ? conf.get("level").getAsInt() : 1, null, 0, typesize);
				case "blosc":
					final String s = conf.has("shuffle") ? conf.get("shuffle").getAsString() : "noshuffle";
					return new ZarrCodec("blosc", conf.has("clevel") ? conf.get("clevel").getAsInt() : 5, conf.has(
						"cname") ? conf.get("cname").getAsString() : "lz4", s.equals("bitshuffle") ? 2 : s.equals(
							"shuffle") ? 1 : 0, typesize);
				default:
					throw bad(file, "codec " + name + " is not supported (gzip, zstd and blosc are)");
			}
		}

		JsonElement v2() {
			if (this == NONE) return null;
			final JsonObject o = new JsonObject();
			o.addProperty("id", name);
			if (name.equals("blosc")) {
				o.addProperty("cname", cname);
				o.addProperty("clevel", level);
				o.addProperty("shuffle", shuffle);
				o.addProperty("blocksize", 0);
			}
			else o.addProperty("level", level);
			return o;
		}

		JsonElement v3() {
			if (this == NONE) return null;
			final JsonObject o = new JsonObject(), c = new JsonObject();
			o.addProperty("name", name);
			if (name.equals("blosc")) {
				c.addProperty("cname", cname);
				c.addProperty("clevel", level);
				c.addProperty("shuffle", shuffle == 2 ? "bitshuffle" : shuffle == 1 ? "shuffle" : "noshuffle");
				c.addProperty("typesize", typesize);
				c.addProperty("blocksize", 0);
			}
			else {
				c.addProperty("level", level);
				if (name.equals("zstd")) c.addProperty("checksum", false);
			}
			o.add("configuration", c);
			return o;
		}

		byte[] decode(final byte[] stored, final int expected) throws IOException {
			switch (name) {
				case "none":
					return stored;
				case "gzip":
					return inflate(new GZIPInputStream(new ByteArrayInputStream(stored)), expected);
				case "zlib":
					return inflate(new InflaterInputStream(new ByteArrayInputStream(stored)), expected);
				case "zstd":
					// at most one byte more than a chunk holds: a longer frame is told as a wrong size
					final byte[] out = com.github.luben.zstd.Zstd.decompress(stored, expected + 1);
					return out;
				case "blosc":
					return com.scalableminds.bloscjava.Blosc.decompress(stored);
				default:
					throw new IllegalStateException(name);
			}
		}

		byte[] encode(final byte[] raw) throws IOException {
			switch (name) {
				case "none":
					return raw;
				case "gzip":
					return gzip(raw, level);
				case "zlib": {
					final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
					try (OutputStream out = new DeflaterOutputStream(bytes, new Deflater(level))) {
						out.write(raw);
					}
					return bytes.toByteArray();
				}
				case "zstd":
					return com.github.luben.zstd.Zstd.compress(raw, level);
				case "blosc":
					return com.scalableminds.bloscjava.Blosc.compress(raw, typesize,
						com.scalableminds.bloscjava.Blosc.Compressor.valueOf(cname.toUpperCase(Locale.ROOT)), level,
						shuffle == 2 ? com.scalableminds.bloscjava.Blosc.Shuffle.BIT_SHUFFLE : shuffle == 1
							? com.scalableminds.bloscjava.Blosc.Shuffle.BYTE_SHUFFLE
							: com.scalableminds.bloscjava.Blosc.Shuffle.NO_SHUFFLE);
				default:
					throw new IllegalStateException(name);
			}
		}

		private static byte[] inflate(final InputStream in, final int expected) throws IOException {
			try (InputStream s = in) {
				final byte[] out = new byte[expected];
				int n = 0;
				for (int r; n < expected && (r = s.read(out, n, expected - n)) > 0;)
					n += r;
				if (n < expected) return Arrays.copyOf(out, n);
				if (s.read() >= 0) return new byte[expected + 1]; // more than a chunk: told as a wrong size
				return out;
			}
		}

		private static byte[] gzip(final byte[] raw, final int level) throws IOException {
			final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (GZIPOutputStream out = new GZIPOutputStream(bytes) {

				{
					def.setLevel(level);
				}
			}) {
				out.write(raw);
			}
			return bytes.toByteArray();
		}
	}
}
