package com.cspguard.domain;

/** One record of {@code transfer-decisions}: an evaluation with its revision number. */
public record TransferDecision(int revision, Evaluation evaluation) { }
