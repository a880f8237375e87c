//! Small pieces that pages share.

pub mod site_header;
pub mod source_list;
pub mod source_ref;
pub mod timeline;
