package io.reembed.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Every boolean parameter of every route takes {@code true} or {@code false} and nothing else:
 * JAX-RS reads anything but "true" as false, so {@code ?dryRun=1} launched a real run. Anything
 * else is refused (400) before the resource runs. Routes declare such parameters as {@code Boolean}
 * (null when absent): for a primitive, RESTEasy passes "0" when the parameter is absent.
 */
@Provider
public class StrictBooleanParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != boolean.class && rawType != Boolean.class) {
            return null;
        }
        String name = name(annotations);
        return (ParamConverter<T>) new ParamConverter<Boolean>() {
            @Override
            public Boolean fromString(String value) {
                if (value == null) {
                    return null;
                }
                if ("true".equals(value)) {
                    return true;
                }
                if ("false".equals(value)) {
                    return false;
                }
                throw new BadParameterException(name, value);
            }

            @Override
            public String toString(Boolean value) {
                return String.valueOf(value);
            }
        };
    }

    private static String name(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof FormParam form) {
                return form.value();
            }
            if (annotation instanceof PathParam path) {
                return path.value();
            }
            if (annotation instanceof HeaderParam header) {
                return header.value();
            }
            if (annotation instanceof CookieParam cookie) {
                return cookie.value();
            }
        }
        return "parameter";
    }

    /** A parameter whose value the console does not take; nothing was done. */
    public static class BadParameterException extends BadRequestException {
        public BadParameterException(String name, String value) {
            // A WebApplicationException: JAX-RS passes it on as it is instead of answering 404.
            super(name + " must be true or false, not \"" + (value.length() > 40 ? value.substring(0, 40) + "…" : value)
                    + "\". Nothing was changed.");
        }
    }
}
