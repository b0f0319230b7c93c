package com.numbering.telnyx.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answer in Telnyx's shape: {@code {"errors":[{"code":"<string>","title","detail","source"}]}}. */
final class ApiError extends RuntimeException {

    private final int status;

    private final String code;

    private final String title;

    private final String pointer;

    private final String parameter;

    ApiError(int status, String code, String title, String detail, String pointer, String parameter) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.pointer = pointer;
        this.parameter = parameter;
    }

    static ApiError notFound(String detail) {
        return new ApiError(404, "10005", "Resource not found", detail, null, null);
    }

    static ApiError badRequest(String detail, String parameter) {
        return new ApiError(400, "10015", "Bad Request", detail, null, parameter);
    }

    static ApiError missingParameter(String parameter) {
        return new ApiError(400, "10004", "Missing required parameter",
                "The '" + parameter + "' parameter is required.", null, parameter);
    }

    /** A body field with a wrong type or value. */
    static ApiError invalid(String field, String detail) {
        return new ApiError(422, "10015", "Invalid parameter", detail, "/" + field, null);
    }

    static ApiError unprocessable(String code, String title, String detail, String pointer) {
        return new ApiError(422, code, title, detail, pointer, null);
    }

    static ApiError messaging(int status, String code, String title, String detail, String pointer) {
        return new ApiError(status, code, title, detail, pointer, null);
    }

    int status() {
        return this.status;
    }

    ApiResponse toResponse() {
        ObjectNode error = Json.object();
        error.put("code", this.code);
        error.put("title", this.title);
        error.put("detail", getMessage());
        if (this.pointer != null || this.parameter != null) {
            ObjectNode source = error.putObject("source");
            Json.putIfPresent(source, "pointer", this.pointer);
            Json.putIfPresent(source, "parameter", this.parameter);
        }
        error.putObject("meta").put("url", "https://developers.telnyx.com/docs/overview/errors/" + this.code);
        ObjectNode body = Json.object();
        ArrayNode errors = body.putArray("errors");
        errors.add(error);
        return new ApiResponse(this.status, body);
    }

}
