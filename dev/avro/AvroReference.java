import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.RandomData;

/**
 * The Apache Avro Java reference as a batch oracle for unilog's tests (test/reference). One JVM per run: it reads one
 * JSON request from stdin, {"tasks": [...]}, and writes {"results": [...]} to stdout, one result per task, in order.
 * Binary values travel as hex strings. Tasks:
 *   {"op":"parse","texts":[schema JSON text, ...]}          -> {"ok":true} | {"ok":false,"error":"..."}
 *       the texts are one unit (files that name each other); they are parsed with one Schema.Parser in the first
 *       order that works, so the verdict does not depend on file order
 *   {"op":"random","schema":text,"count":n,"seed":s}       -> {"data":[hex,...]} random datums (RandomData)
 *   {"op":"reencode","schema":text,"data":[hex,...]}       -> {"data":[hex | "ERROR: ..."]} decode, encode again
 *   {"op":"resolve","writer":text,"reader":text,"data":[hex,...]}
 *                                                          -> {"data":[hex | "ERROR: ..."]} read as reader, encode
 *   {"op":"compat","reader":text,"writer":text}            -> {"compatible":bool,"types":[...]} or {"error":"..."}
 * Run: java -cp '.dev/avro-libs/*' dev/avro/AvroReference.java < request.json   (source-file mode, JDK 11+)
 */
public class AvroReference {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HexFormat HEX = HexFormat.of();

  public static void main(String[] args) throws Exception {
    JsonNode request = JSON.readTree(System.in);
    ArrayNode results = JSON.createArrayNode();
    for (JsonNode task : request.get("tasks")) {
      ObjectNode out = JSON.createObjectNode();
      try {
        run(task, out);
      } catch (Exception | StackOverflowError e) {
        out.put("error", message(e));
      }
      results.add(out);
    }
    ObjectNode response = JSON.createObjectNode();
    response.set("results", results);
    System.out.println(JSON.writeValueAsString(response));
  }

  static String message(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  static Schema parse(String text) {
    return new Schema.Parser().parse(text);
  }

  static void run(JsonNode task, ObjectNode out) throws Exception {
    switch (task.get("op").asText()) {
      case "parse" -> parseUnit(task, out);
      case "random" -> {
        Schema schema = parse(task.get("schema").asText());
        ArrayNode data = out.putArray("data");
        for (Object datum : new RandomData(schema, task.get("count").asInt(), task.get("seed").asLong())) {
          data.add(HEX.formatHex(write(schema, datum)));
        }
      }
      case "reencode" -> readAll(parse(task.get("schema").asText()), null, task, out);
      case "resolve" -> readAll(parse(task.get("reader").asText()), parse(task.get("writer").asText()), task, out);
      case "compat" -> {
        Schema reader = parse(task.get("reader").asText());
        Schema writer = parse(task.get("writer").asText());
        SchemaCompatibility.SchemaPairCompatibility pair = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        out.put("compatible", pair.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        ArrayNode types = out.putArray("types");
        for (SchemaCompatibility.Incompatibility i : pair.getResult().getIncompatibilities()) types.add(i.getType().name());
      }
      default -> throw new IllegalArgumentException("unknown op " + task.get("op"));
    }
  }

  static void parseUnit(JsonNode task, ObjectNode out) {
    List<String> left = new ArrayList<>();
    task.get("texts").forEach((t) -> left.add(t.asText()));
    List<String> order = new ArrayList<>();
    String lastError = null;
    while (!left.isEmpty()) {
      boolean progress = false;
      for (int i = 0; i < left.size(); i++) {
        Schema.Parser parser = new Schema.Parser();
        try {
          for (String t : order) parser.parse(t);
          parser.parse(left.get(i));
          order.add(left.remove(i));
          progress = true;
          break;
        } catch (Exception | StackOverflowError e) {
          lastError = message(e);
        }
      }
      if (!progress) {
        out.put("ok", false);
        out.put("error", lastError);
        return;
      }
    }
    out.put("ok", true);
  }

  static void readAll(Schema reader, Schema writer, JsonNode task, ObjectNode out) {
    GenericDatumReader<Object> datumReader = new OrderedReader(writer == null ? reader : writer, reader);
    ArrayNode data = out.putArray("data");
    for (JsonNode hex : task.get("data")) {
      try {
        byte[] bytes = HEX.parseHex(hex.asText());
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
        Object datum = datumReader.read(null, decoder);
        if (!decoder.isEnd()) throw new IllegalStateException("trailing bytes");
        data.add(HEX.formatHex(write(reader, datum)));
      } catch (Exception e) {
        data.add("ERROR: " + message(e));
      }
    }
  }

  /** Keeps map entries in the order read (GenericData's HashMap would re-encode them in hash order). */
  static class OrderedData extends GenericData {
    @Override
    public Object newMap(Object old, int size) {
      return new LinkedHashMap<Object, Object>(size);
    }
  }

  static class OrderedReader extends GenericDatumReader<Object> {
    OrderedReader(Schema writer, Schema reader) {
      super(writer, reader, new OrderedData());
    }

    @Override
    protected Object newMap(Object old, int size) {
      return new LinkedHashMap<Object, Object>(size);
    }
  }

  static byte[] write(Schema schema, Object datum) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<Object>(schema, GenericData.get()).write(datum, encoder);
    encoder.flush();
    return bytes.toByteArray();
  }
}
