package com.numbering.telnyx.sandbox;

import java.util.Collection;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code page[number]} (from 1) and {@code page[size]} (1–250, default 20), as on every Telnyx list. */
record Paging(int number, int size) {

    static Paging of(ApiRequest request) {
        return new Paging(request.integer("page[number]", 1, 1, Integer.MAX_VALUE),
                request.integer("page[size]", 20, 1, 250));
    }

    /** {@code {"data":[…],"meta":{page_number,page_size,total_pages,total_results}}}; total_pages is 0 when empty. */
    <T> ObjectNode render(Collection<T> all, Function<T, JsonNode> renderer) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        long from = (long) (this.number - 1) * this.size;
        all.stream().skip(Math.min(from, all.size())).limit(this.size).map(renderer).forEach(data::add);
        ObjectNode meta = body.putObject("meta");
        meta.put("page_number", this.number);
        meta.put("page_size", this.size);
        meta.put("total_pages", (all.size() + this.size - 1) / this.size);
        meta.put("total_results", all.size());
        return body;
    }

}
