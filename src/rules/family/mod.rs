//! Helpers that several rules of a family (and the feed) share, so that no rule calls another.

pub(crate) mod apology;
pub(crate) mod disclosure;
pub(crate) mod confidential;
pub(crate) mod personal;
pub(crate) mod mnpi;
pub(crate) mod tone;
