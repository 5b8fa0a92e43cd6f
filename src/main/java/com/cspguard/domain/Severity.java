package com.cspguard.domain;

public enum Severity { BLOCKING, WARNING, INFO }
