//! The 6,763 hanzi of GB 2312 (rows 16–87), the set office documents are expected to print in the
//! role fonts themselves; generated once with Python's gb2312 codec.

/// The hanzi of GB 2312, in code order.
pub fn hanzi() -> Vec<char> {
    include_str!("gb2312-hanzi.txt").trim_end().chars().collect()
}
