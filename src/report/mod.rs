//! Renderings of sheets and panel results: HTML, CSV, XLSX.

pub mod sheet_html;
