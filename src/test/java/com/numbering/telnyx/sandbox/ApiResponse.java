package com.numbering.telnyx.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/** What an endpoint answers: a status and a JSON body. */
record ApiResponse(int status, JsonNode body) {

    static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

}
