package com.cspguard.domain;

/** Where a subscription was bought [guide]. */
public enum Channel { CSP, DIRECT, EA, OTHER }
