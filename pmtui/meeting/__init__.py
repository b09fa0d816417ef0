"""The review meeting's agenda, pure: layouts, the phase timer with an injected clock, the overrun ledger."""
